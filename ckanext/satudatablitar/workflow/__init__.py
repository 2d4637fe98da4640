"""The publication workflow as plain functions: states, roles, steps, gate, event log, walls.

Other parts of the extension call :mod:`.engine` (transitions), :mod:`.gate`
(publication checks), :mod:`.store` (state and events) and :mod:`.queue`.
"""
