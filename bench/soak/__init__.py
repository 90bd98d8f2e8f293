"""A soak of the whole service under mixed traffic and killed writers (`python -m bench.soak`)."""
