"""The city network of flows, its centralities and the cities' tiers."""
