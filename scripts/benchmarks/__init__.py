"""Benchmarks run by `make bench`: each module has ``run(workdir) -> list[tuple[str, str]]`` of figures."""
