"""Passphrases, encryption of free text, unlock attempts and where Nabij is reached from.

Plain functions and small classes on top of `argon2-cffi` and `cryptography`; nothing here
knows about Streamlit or the database.
"""
