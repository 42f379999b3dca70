"""Circle and linear return routes, and the tables routepatterns writes."""
