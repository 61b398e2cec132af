"""A tiny OpenID Connect provider on loopback, for st.login in the end-to-end tests.

It signs in whoever `email` says, at once: /authorize redirects straight back to the app with
a code and the state, and /token answers the code with an RS256-signed id_token that carries
the nonce of that authorize request. Enough for Authlib (Streamlit's st.login) to check the
signature (/jwks), issuer, audience, expiry and nonce, as with a real provider. Only for tests:
it checks the client's secret and the PKCE verifier, but nothing else a real provider must.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

KEY_ID = "nabij-e2e"


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    nonce: str | None
    email: str
    code_challenge: str | None


@dataclass
class FakeOidcProvider:
    """`with FakeOidcProvider(client_id, client_secret) as provider:` serves on loopback."""

    client_id: str
    client_secret: str
    email: str = "coach@example.org"
    name: str = "Coach"
    # What the provider says about the address: Nabij accepts a coach only when it is True.
    email_verified: bool = True
    # What happened, for a test to look at: "authorize", "token", ... in order.
    calls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig",
                                                          "alg": "RS256"})
        self._grants: dict[str, Grant] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def __enter__(self) -> FakeOidcProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    # --- the endpoints ------------------------------------------------------------------------

    def _metadata(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "email", "email_verified", "name"],
        }

    def _authorize(self, query: dict[str, str]) -> str:
        """The URL to send the browser back to: the redirect URI with a new code."""
        if query.get("client_id") != self.client_id:
            raise PermissionError(f"unknown client {query.get('client_id')!r}")
        if query.get("response_type") != "code":
            raise PermissionError(f"response_type {query.get('response_type')!r}")
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._grants[code] = Grant(client_id=query["client_id"],
                                       redirect_uri=query["redirect_uri"],
                                       nonce=query.get("nonce"), email=self.email,
                                       code_challenge=query.get("code_challenge"))
        answer = {"code": code}
        if "state" in query:
            answer["state"] = query["state"]
        return f"{query['redirect_uri']}?{urlencode(answer)}"

    def _subject(self, email: str) -> str:
        return hashlib.sha256(email.encode()).hexdigest()[:24]

    def _token(self, form: dict[str, str], authorization: str | None) -> dict:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization.removeprefix("Basic ")).decode()
            client_id, _, client_secret = decoded.partition(":")
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            raise PermissionError("wrong client credentials")
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)
        if grant is None or form.get("grant_type") != "authorization_code":
            raise PermissionError("unknown or used code")
        if form.get("redirect_uri") != grant.redirect_uri:
            raise PermissionError("redirect_uri differs from the authorize request")
        if grant.code_challenge is not None:
            verifier = form.get("code_verifier", "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            if digest.rstrip(b"=").decode() != grant.code_challenge:
                raise PermissionError("PKCE verifier does not match")
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": self._subject(grant.email), "aud": self.client_id,
                  "iat": now, "exp": now + 600, "email": grant.email,
                  "email_verified": self.email_verified, "name": self.name}
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        id_token = jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, self._key)
        return {"access_token": secrets.token_urlsafe(24), "token_type": "Bearer",
                "expires_in": 600, "id_token": id_token, "scope": "openid email profile"}

    def _userinfo(self) -> dict:
        return {"sub": self._subject(self.email), "email": self.email,
                "email_verified": self.email_verified, "name": self.name}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args) -> None:
                pass

            def _json(self, body: dict, status: int = 200) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def _refuse(self, error: Exception) -> None:
                provider.errors.append(f"{self.command} {self.path}: {error}")
                self._json({"error": "invalid_request", "error_description": str(error)}, 400)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {name: values[0] for name, values in parse_qs(parts.query).items()}
                provider.calls.append(parts.path)
                try:
                    if parts.path == "/.well-known/openid-configuration":
                        self._json(provider._metadata())
                    elif parts.path == "/jwks":
                        self._json({"keys": [provider._key.as_dict(private=False)]})
                    elif parts.path == "/userinfo":
                        self._json(provider._userinfo())
                    elif parts.path == "/authorize":
                        self.send_response(302)
                        self.send_header("Location", provider._authorize(query))
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                    else:
                        self._json({"error": "not_found"}, 404)
                except (KeyError, PermissionError) as error:
                    self._refuse(error)

            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                provider.calls.append(parts.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                form = {name: values[0] for name, values in parse_qs(body).items()}
                try:
                    if parts.path == "/token":
                        self._json(provider._token(form, self.headers.get("Authorization")))
                    else:
                        self._json({"error": "not_found"}, 404)
                except (KeyError, PermissionError) as error:
                    self._refuse(error)

        return Handler
