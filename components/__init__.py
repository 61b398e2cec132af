"""Streamlit widgets shared by the pages. They call nabij/ and hold no rules of their own."""
