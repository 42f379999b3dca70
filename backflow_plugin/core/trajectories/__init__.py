"""Trajectories: geocoded stages -> returns, legs, flows, routes, flow lines."""
