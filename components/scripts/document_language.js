document.documentElement.lang = values.language;
