"""The load benchmark (``python -m bench.run``) and its helpers; see BENCHMARKS.md."""
