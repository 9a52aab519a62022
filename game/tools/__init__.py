"""Authoring tools over the engine: check, randomtest, graph, words."""
