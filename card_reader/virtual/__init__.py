"""Virtual chip ID card for tests, training and demos (vpcd protocol, test PKI)."""
