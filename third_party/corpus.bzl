"""@corpus: ../shared/corpus (real TF test models) when it sits beside the repository, else empty.

A user's clone has no ../shared. The repository is then empty, CORPUS_PRESENT is False, and the
tests that need the corpus carry CORPUS_TEST_TAGS (manual), so `bazel test //...` leaves them out;
//tools:shared_corpus_check says so in one line, and fails when CI is set.
"""

def _shared_corpus_impl(ctx):
    workspace = ctx.path(Label("@//:WORKSPACE")).dirname
    corpus = ctx.path("%s/%s" % (workspace, ctx.attr.path))
    present = corpus.exists
    if present:
        for child in corpus.readdir():
            ctx.symlink(child, child.basename)
    ctx.symlink(ctx.attr.build_file, "BUILD.bazel")
    ctx.file("defs.bzl", "\n".join([
        "# Written by //third_party:corpus.bzl.",
        "CORPUS_PRESENT = %s" % present,
        "CORPUS_TEST_TAGS = %s" % ([] if present else ["manual"]),
        "",
    ]))

shared_corpus = repository_rule(
    implementation = _shared_corpus_impl,
    attrs = {
        "path": attr.string(mandatory = True),
        "build_file": attr.label(mandatory = True),
    },
    local = True,
)
