#!/bin/sh
# Generate ./configure from a git checkout.
set -e
cd "$(dirname "$0")"
autoreconf --force --install --warnings=all
