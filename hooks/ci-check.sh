#!/usr/bin/env bash
# CI check for a pull request: `codemod check` on the Python files changed since
# the base branch. Exit status is codemod's: 0 nothing would change, 1 something
# would change (the diff is printed) or needs a hand fix, 2 errors.
#
# Usage:
#     hooks/ci-check.sh [BASE_REF] [codemod check options and paths...]
#
# BASE_REF is a branch, tag or commit. Without it the script uses, in order:
#   origin/$GITHUB_BASE_REF                   (GitHub Actions, pull_request events)
#   origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME   (GitLab merge requests)
# and fetches that branch when the clone does not have it yet.
#
# Files are compared with the merge base of BASE_REF and HEAD, as the pull
# request's own diff is, so commits that reached the base branch after this branch
# started are not blamed on it. That needs the history: on GitHub use
# actions/checkout with `fetch-depth: 0`. Without a merge base (a shallow clone)
# the script warns and compares with BASE_REF itself.
#
# Example (GitHub Actions, annotations on the pull request):
#     - uses: actions/checkout@v4
#       with: {fetch-depth: 0}
#     - run: pip install codemods
#     - run: hooks/ci-check.sh --output-format github
#
# For a pull request whose code you do not trust to run (a fork, a workflow with
# secrets), add --isolated: no configuration file of the checkout is read, so no
# transformer it names runs (README, "CI" and "Security").
#
# Environment: CODEMOD, the command to run (default: `codemod`).

set -u

base=""
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    base=$1
    shift
elif [ -n "${GITHUB_BASE_REF:-}" ]; then
    base="origin/${GITHUB_BASE_REF}"
elif [ -n "${CI_MERGE_REQUEST_TARGET_BRANCH_NAME:-}" ]; then
    base="origin/${CI_MERGE_REQUEST_TARGET_BRANCH_NAME}"
fi
if [ -z "$base" ]; then
    echo "ci-check: no base ref: pass one (hooks/ci-check.sh origin/main) or set GITHUB_BASE_REF" >&2
    exit 2
fi

if ! git rev-parse --verify --quiet "${base}^{commit}" >/dev/null; then
    case "$base" in
        origin/*)
            branch=${base#origin/}
            git fetch --quiet --no-tags origin "+refs/heads/${branch}:refs/remotes/origin/${branch}" >&2 ||
                echo "ci-check: could not fetch ${branch} from origin" >&2
            ;;
    esac
    if ! git rev-parse --verify --quiet "${base}^{commit}" >/dev/null; then
        echo "ci-check: unknown base ref '${base}'" >&2
        exit 2
    fi
fi

if since=$(git merge-base "$base" HEAD 2>/dev/null); then
    :
else
    echo "ci-check: no merge base of ${base} and HEAD (shallow clone?); comparing with ${base} itself" >&2
    since=$base
fi

if [ -n "${CODEMOD:-}" ]; then
    read -r -a codemod <<<"$CODEMOD"
else
    codemod=(codemod)
fi
exec "${codemod[@]}" check --since "$since" "$@"
