"""The Cycle page's widgets: chart, controls, phases and the moment in focus."""
