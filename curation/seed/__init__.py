"""The Smart Hong Kong Pavilion at InnoEX 2025 as demo data (see data.py and loader.py)."""
