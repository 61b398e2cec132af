"""The Insights page's widgets and the cached insights behind them."""
