"""The deployment: Docker (compose.yaml) and the same topology as local processes (local.py)."""
