"""Two app servers behind HAProxy on one PostgreSQL database (issue #20, deploy/).

deploy/local.py starts the topology of deploy/compose.yaml as plain processes: two
`streamlit run app.py`, HAProxy with sticky SERVERID cookies, and a fresh database on the
throwaway PostgreSQL server. Each browser here is pinned to one replica by that cookie, and
HAProxy's X-Nabij-Replica header shows which replica answered.

- A moment logged through app1 shows for a browser on app2 at its next rerun, and so does a
  second one logged after app2 had the journal open (its caches follow the database's
  revision, not its own memory).
- A backup downloaded and uploaded again in a browser on app2 goes up to app2 (the upload
  needs the session that asked for it), and the journal restored from it opens on app1.
- Wrong passphrases guessed by turns on app1 and app2 lock the name after exactly as many
  attempts as on one server: the count lives in the database.

Both need HAProxy and PostgreSQL and fail when either is missing (scripts/test installs them).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from deploy.local import ClusterError, LocalCluster, haproxy_binary
from nabij.security.attempts import DEFAULT_POLICY
from tests.conftest import POSTGRES_ENV
from tests.e2e.conftest import (
    ARTIFACTS_DIR,
    PageOpener,
    _failed,
    _new_postgres_database,
    artifact_name,
)
from tests.e2e.nabij_ui import (
    NL,
    Moment,
    download,
    event_cards,
    go_to,
    log_moment,
    main,
    rerun_after,
    wait_for_app,
)
from tests.e2e.privacy_ui import (
    PRIVACY_NL,
    alerts,
    create_journal_with_passphrase,
    open_by_name,
)
from tests.e2e.test_privacy import BACKUP_NL

pytestmark = pytest.mark.e2e

SHARED = {"NABIJ_REQUIRE_PASSPHRASE": "1", "NABIJ_IDLE_LOCK_MINUTES": None}
REPLICA_HEADER = "x-nabij-replica"
# data/messages/nl/privacy.toml locked_out (the count of minutes varies with the clock).
LOCKED_OUT = re.compile(
    r"^Te veel pogingen met deze naam\. Probeer het over \d+ minuten? opnieuw\.$")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """HAProxy and two replicas on a fresh PostgreSQL database, for this module."""
    if not os.environ.get(POSTGRES_ENV, "").strip():
        pytest.fail(f"{POSTGRES_ENV} is not set: two app servers need one PostgreSQL "
                    "(bash scripts/test starts a throwaway one)", pytrace=False)
    try:
        haproxy_binary()
    except ClusterError as missing:
        pytest.fail(str(missing), pytrace=False)
    directory = tmp_path_factory.mktemp("cluster")
    started = LocalCluster(_new_postgres_database(), replicas=2, directory=directory, env=SHARED)
    try:
        started.start()
    except ClusterError as error:
        pytest.fail(str(error), pytrace=False)
    yield started
    started.stop()


@pytest.fixture(autouse=True)
def _cluster_logs_on_failure(request: pytest.FixtureRequest,
                             cluster: LocalCluster) -> Iterator[None]:
    yield
    if _failed(request.node):
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        for name in ("app1", "app2"):
            log = cluster.directory / f"{name}.log"
            if log.exists():
                shutil.copyfile(log, ARTIFACTS_DIR / f"{artifact_name(request.node)}.{name}.log")
        if cluster.haproxy_log.exists():
            shutil.copyfile(cluster.haproxy_log,
                            ARTIFACTS_DIR / f"{artifact_name(request.node)}.haproxy.log")


def browser_on(new_page: PageOpener, cluster: LocalCluster, index: int) -> Page:
    """A new browser pinned to replica `index` by its SERVERID cookie, at the app's root;
    fails unless that replica is the one that answered."""
    page = new_page()
    page.context.add_cookies([cluster.sticky_cookie(index)])
    answer = page.goto(f"{cluster.url}/?lang=nl")
    assert answer is not None
    assert answer.headers.get(REPLICA_HEADER) == cluster.replicas[index].name
    wait_for_app(page)
    return page


def test_a_moment_logged_on_one_server_shows_on_the_other_at_its_next_rerun(cluster, new_page):
    name, partners, passphrase = "Twee Servers", ("Noor", "Ravi"), "zeven zeilboten op het ij 20"
    first, second = Moment("Noor", "closeness", 3, "samen-gekookt-via-app1-2001"), Moment(
        "Ravi", "distance", 2, "later-gelogd-via-app1-2002")

    on_app1 = browser_on(new_page, cluster, 0)
    create_journal_with_passphrase(on_app1, cluster.url, name, partners, passphrase)
    go_to(on_app1, NL["nav.journal"])
    log_moment(on_app1, first)

    on_app2 = browser_on(new_page, cluster, 1)
    go_to(on_app2, NL["nav.journals"])
    open_by_name(on_app2, name, passphrase)
    go_to(on_app2, NL["nav.journal"])
    expect(event_cards(on_app2).filter(has_text=first.note)).to_have_count(1)
    expect(event_cards(on_app2).filter(has_text=second.note)).to_have_count(0)

    # app2 has the journal open and cached; the next moment comes in through app1.
    log_moment(on_app1, second)
    go_to(on_app2, NL["nav.cycle"])  # the next reruns on app2
    go_to(on_app2, NL["nav.journal"])
    for moment in (first, second):
        expect(event_cards(on_app2).filter(has_text=moment.note)).to_have_count(1)

    # Both browsers stayed on their own replica all along.
    for page, replica in ((on_app1, cluster.replicas[0]), (on_app2, cluster.replicas[1])):
        cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
        assert cookies["SERVERID"] == replica.name
    haproxy_log = cluster.haproxy_log.read_text(errors="replace")
    assert "streamlit/app1" in haproxy_log and "streamlit/app2" in haproxy_log


def _guess(page: Page, name: str, passphrase: str) -> str:
    open_by_name(page, name, passphrase)
    refusal = alerts(page.get_by_test_id("stMain"))
    expect(refusal).to_have_count(1)
    return refusal.inner_text().strip()


def test_wrong_passphrases_spread_over_both_servers_lock_at_the_one_server_limit(cluster,
                                                                                 new_page):
    name, partners, passphrase = "Gedeelde Teller", ("Iris", "Sem"), "vier uilen in de schuur 20"
    owner = browser_on(new_page, cluster, 0)
    create_journal_with_passphrase(owner, cluster.url, name, partners, passphrase)

    guessers = [browser_on(new_page, cluster, 0), browser_on(new_page, cluster, 1)]
    for guesser in guessers:
        go_to(guesser, NL["nav.journals"])
    answers = [_guess(guessers[attempt % 2], name, f"fout geraden nummer {attempt} 20")
               for attempt in range(DEFAULT_POLICY.lock_after)]

    # Every mistake before the limit gets the same refusal, whichever server took it; the
    # attempt at the limit locks the name (app1 and app2 took half of them each).
    assert answers[:-1] == [PRIVACY_NL["refused"]] * (DEFAULT_POLICY.lock_after - 1)
    assert LOCKED_OUT.match(answers[-1]), answers[-1]
    # Locked on both servers: the right passphrase does not open it now, on either.
    for guesser in guessers:
        assert LOCKED_OUT.match(_guess(guesser, name, passphrase))
        expect(guesser.get_by_test_id("stAlertContentSuccess")).to_have_count(0)


def test_an_upload_through_haproxy_reaches_the_replica_of_its_session(cluster, new_page,
                                                                      tmp_path):
    name, passphrase = "Heen en Terug", "negen natte paraplu's 20"
    copy, copy_passphrase = "Heen en Terug kopie", "tien droge laarzen 20"
    note = "reservekopie-via-app2-2003"
    on_app2 = browser_on(new_page, cluster, 1)
    create_journal_with_passphrase(on_app2, cluster.url, name, ("Lina", "Omar"), passphrase)
    go_to(on_app2, NL["nav.journal"])
    log_moment(on_app2, Moment("Omar", "closeness", 4, note))

    go_to(on_app2, PRIVACY_NL["nav_data"])
    main(on_app2).get_by_role("tab", name=BACKUP_NL["tab"]).click()
    button = main(on_app2).get_by_role("button", name=BACKUP_NL["download"])
    expect(button).to_be_visible()
    _, backup = download(on_app2, button, tmp_path, "heen.nabij.json")
    uploader = main(on_app2).get_by_test_id("stFileUploader").filter(
        has_text=BACKUP_NL["upload"])
    with on_app2.expect_file_chooser() as chooser:
        uploader.get_by_role("button", name="Upload", exact=True).click()
    rerun_after(on_app2, lambda: chooser.value.set_files(str(backup)))
    panel = main(on_app2).get_by_role("tabpanel", name=BACKUP_NL["tab"])
    panel.get_by_label(BACKUP_NL["name"], exact=True).fill(copy)
    panel.get_by_label(PRIVACY_NL["new"], exact=True).fill(copy_passphrase)
    panel.get_by_label(PRIVACY_NL["repeat"], exact=True).fill(copy_passphrase)
    rerun_after(on_app2, panel.get_by_role("button", name=BACKUP_NL["restore"]).click)
    expect(main(on_app2).get_by_test_id("stAlertContentSuccess")).to_contain_text(copy)

    uploads = [line for line in cluster.haproxy_log.read_text(errors="replace").splitlines()
               if "/_stcore/upload_file/" in line]
    assert uploads and all("streamlit/app2" in line for line in uploads), uploads

    on_app1 = browser_on(new_page, cluster, 0)
    go_to(on_app1, NL["nav.journals"])
    open_by_name(on_app1, copy, copy_passphrase)
    go_to(on_app1, NL["nav.journal"])
    expect(event_cards(on_app1).filter(has_text=note)).to_have_count(1)
