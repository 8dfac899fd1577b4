"""What the repository publishes from the package: the release's files, the landing page, the chart,
the portals' metadata, the workbook and the generated parts of README.md and docs/.

Each module with a command line runs as ``python -m publish.NAME`` (the make targets do). Not part
of the wheel: it reads the repository around the package.
"""
