"""Access control and secure messaging for eMRTD chips (ICAO 9303-11), both sides.

Terminal side (our reader) and chip side (our virtual card) share the same primitives so an
in-process round trip proves they interoperate; the ICAO worked examples pin both to the standard.
Pure computation: no I/O, no PC/SC, no Qt.

    kdf          key derivation (§9.7.1) and DES parity
    sm           secure messaging: DesSM (3DES, retail MAC) and AesSM (AES, CMAC)
    bac          Basic Access Control
    pace         PACE, ECDH generic mapping
    chip_auth    Chip Authentication v1 (ECDH)
    active_auth  Active Authentication (RSA ISO/IEC 9796-2 scheme 1, ECDSA plain)
"""
