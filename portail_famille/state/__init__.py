"""Thin Reflex states: parse input, check permission, call a service, put display data in vars."""
