"""The sync wire protocol (issue 7): pure functions and value objects, no network, no DB, no Qt.

- `batch`: ops and batches, gzip'd canonical JSON, encode/decode with every check.
- `signing`: device Ed25519 keys and the signed envelope.
- `results`: per-op results of a push and idempotent replay classification.
- `sealing`: a signed batch encrypted to the hub's X25519 key for USB hand-carry.
- `errors`: `ProtocolError` and its coded subclasses.
"""

from sync.protocol.batch import (
    DEFAULT_MAX_SIZE,
    OP_KINDS,
    Batch,
    Op,
    check_hashes,
    decode_batch,
    encode_batch,
)
from sync.protocol.errors import (
    ERRORS,
    BadKey,
    BadSeal,
    BadSignature,
    HashMismatch,
    InvalidOp,
    Malformed,
    ProtocolError,
    TooLarge,
    UnknownDevice,
    UnsupportedVersion,
)
from sync.protocol.results import (
    STATUSES,
    BatchResult,
    OpResult,
    classify_replay,
    decode_batch_result,
    encode_batch_result,
)
from sync.protocol.sealing import (
    generate_hub_sealing_key,
    open_sealed,
    seal_for_hub,
    sealing_key_from_text,
    sealing_key_to_text,
)
from sync.protocol.signing import (
    FORMAT,
    VERSION,
    generate_device_key,
    key_id,
    private_key_from_pem,
    private_key_to_pem,
    public_key_from_text,
    public_key_to_text,
)

__all__ = [
    "DEFAULT_MAX_SIZE", "ERRORS", "FORMAT", "OP_KINDS", "STATUSES", "VERSION",
    "BadKey", "BadSeal", "BadSignature", "Batch", "BatchResult", "HashMismatch", "InvalidOp",
    "Malformed", "Op", "OpResult", "ProtocolError", "TooLarge", "UnknownDevice",
    "UnsupportedVersion", "check_hashes", "classify_replay", "decode_batch",
    "decode_batch_result", "encode_batch", "encode_batch_result", "generate_device_key",
    "generate_hub_sealing_key", "key_id", "open_sealed", "private_key_from_pem",
    "private_key_to_pem", "public_key_from_text", "public_key_to_text", "seal_for_hub",
    "sealing_key_from_text", "sealing_key_to_text",
]
