"""End-to-end tests: the real Streamlit app in headless Chromium, driven by Playwright."""
