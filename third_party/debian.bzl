"""Binds the Debian 12 system packages this workspace builds against, and the offline stand-ins
Bazel 4.2.3 would otherwise download, as Bazel repositories: for this workspace and for every
workspace that depends on it (README.md, "Other Bazel workspaces")."""

load("//third_party:corpus.bzl", "shared_corpus")

# Repository names tfjs_native's BUILD files use -> the BUILD file binding the Debian package.
_DEBIAN_LIBRARIES = {
    "com_google_protobuf": "protobuf.BUILD",
    "com_google_absl": "absl.BUILD",
    "xnnpack": "xnnpack.BUILD",
    "com_google_googletest": "googletest.BUILD",
    "com_github_google_benchmark": "benchmark.BUILD",
    "curl": "curl.BUILD",
    "zlib": "zlib.BUILD",
    "libjpeg": "libjpeg.BUILD",
    "libpng": "libpng.BUILD",
    "libgif": "libgif.BUILD",
    "libwebp": "libwebp.BUILD",
    "re2": "re2.BUILD",
    "icu": "icu.BUILD",
}

# Repositories Bazel 4.2.3 fetches from github.com unless declared; small copies in third_party/.
_STAND_INS = ["rules_cc", "rules_java", "remote_coverage_tools"]

def _stand_in_impl(repository_ctx):
    source = repository_ctx.path(Label("//third_party:debian.bzl")).dirname.get_child(
        repository_ctx.attr.directory,
    )
    for child in source.readdir():
        repository_ctx.symlink(child, child.basename)

_stand_in = repository_rule(
    implementation = _stand_in_impl,
    attrs = {"directory": attr.string(mandatory = True)},
    local = True,
    doc = "A repository holding the files of third_party/<directory> (symlinked).",
)

def _system_library(name, build_file):
    native.new_local_repository(
        name = name,
        path = "/usr",
        build_file = "@tfjs_native//third_party:" + build_file,
    )

def tfjs_native_dependencies():
    """Declares every repository tfjs_native needs; the one call a dependent WORKSPACE makes.

    Each Debian binding is declared as tfjs_native_<name> (never colliding with the caller's
    repositories) and as <name>, the name tfjs_native's BUILD files use, unless the caller
    declared <name> already (say its own abseil, before this call). Such a caller maps the name
    back to the binding for tfjs_native with repo_mapping on its tfjs_native repository, e.g.
    repo_mapping = {"@com_google_absl": "@tfjs_native_com_google_absl"}. The stand-ins
    (rules_cc, rules_java, remote_coverage_tools) are declared when the caller has none, and so
    is @corpus, which tfjs_native's BUILD files load (empty unless ../shared/corpus is beside the
    calling workspace; only tfjs_native's own tests use it).
    """
    if native.existing_rule("corpus") == None:
        shared_corpus(
            name = "corpus",
            path = "../shared/corpus",
            build_file = "@tfjs_native//third_party:corpus.BUILD",
        )
    for name in _STAND_INS:
        if native.existing_rule(name) == None:
            _stand_in(name = name, directory = name)
    for name, build_file in _DEBIAN_LIBRARIES.items():
        _system_library("tfjs_native_" + name, build_file)
        if native.existing_rule(name) == None:
            _system_library(name, build_file)
