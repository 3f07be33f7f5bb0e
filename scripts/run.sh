#!/usr/bin/env bash
# Set up everything, create the demo commune once (Xã Quảng Ngọc, Thanh Hóa), open the app on it.
# Demo account: demo / xaso-demo (synthetic data only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
DATA_DIR="${XASO_DEMO_DIR:-.demo-data}"
if [ ! -f "$DATA_DIR/keys.json" ]; then
  echo "[run] tạo xã mẫu (${XASO_DEMO_PERSONS:-5000} người) tại $DATA_DIR"
  .venv/bin/python main.py demo --data-dir "$DATA_DIR" --persons "${XASO_DEMO_PERSONS:-5000}" --quiet >/dev/null
fi
XASO_LOGIN_HINT=demo exec .venv/bin/python main.py --data-dir "$DATA_DIR"
