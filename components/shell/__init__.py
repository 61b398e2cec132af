"""The installable web shell: manifest, icons, service worker and the page's <head> tags."""
