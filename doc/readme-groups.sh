#!/bin/sh
# The groups table in README.md is the one generated from lib/groups.c (make doc/groups.md).
exec sh "$top_srcdir/doc/readme-section.sh" groups "$top_builddir/doc/groups.md"
