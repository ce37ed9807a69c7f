#!/usr/bin/env bash
# Says in one line whether the corpus tests ran: without ../shared/corpus (a plain clone) they are
# tagged manual and left out of `bazel test //...`; in CI (CI set) that is a failure.
present="$1"
if [[ "$present" == "True" ]]; then
  echo "../shared/corpus found: the corpus tests run"
  exit 0
fi
echo "not run: the corpus tests (../shared/corpus is missing beside this repository)"
if [[ -n "${CI:-}" ]]; then
  echo "CI is set, so the corpus must be there" >&2
  exit 1
fi
