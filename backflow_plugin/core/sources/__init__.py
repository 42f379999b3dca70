"""Where returnees come from, and how the wave changes over time."""
