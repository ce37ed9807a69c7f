"""kernel_family: the BUILD of one runtime/kernels/<family> package."""

load("//tools/build_defs:cc.bzl", "cc_library", "cc_test")

# Families with an `examples` library (op examples, see testing/op_examples.h), which the dtype
# matrix test and //tools:op_coverage link.
EXAMPLE_FAMILIES = [
    "clustering",
    "audio",
    "control",
    "embedding",
    "image",
    "linalg",
    "linear",
    "losses",
    "math",
    "misc",
    "nn",
    "quantized",
    "random",
    "rnn",
    "scatter",
    "trees",
    "array",
    "segment",
    "special",
    "sparse",
    "string",
]

def kernel_family(name, deps = []):
    """The family's kernel library, its op examples and one cc_test per *_test.cc.

    The library holds every .cc but the tests and examples and every .h of the package, links
    whole (kernels register themselves at start-up) and depends on the kernel API, abseil and
    `deps`. `examples` holds the *_examples.cc files (testing/op_examples.h), which
    //runtime/kernels:dtype_matrix_test runs. Each test runs ops through
    //runtime/kernels/testing:op_test_util.

    Args:
      name: the family, also the library's name.
      deps: what the kernels need beyond //runtime:kernel, //runtime:tensor and abseil.
    """
    cc_library(
        name = name,
        srcs = native.glob(["*.cc"], exclude = ["*_test.cc", "*_examples.cc"]),
        hdrs = native.glob(["*.h"]),
        deps = [
            "//runtime:kernel",
            "//runtime:tensor",
            "@com_google_absl//:absl",
        ] + deps,
        alwayslink = 1,
    )
    kernel_examples(name)
    for test in native.glob(["*_test.cc"]):
        cc_test(
            name = test[:-len(".cc")],
            srcs = [test],
            deps = [
                ":" + name,
                "//runtime/kernels/testing:op_test_util",
                "@com_google_googletest//:gtest_main",
            ],
        )

def kernel_examples(family):
    """`examples`: the family's *_examples.cc, linked whole into the dtype matrix test."""
    cc_library(
        name = "examples",
        srcs = native.glob(["*_examples.cc"]),
        deps = [
            ":" + family,
            "//runtime/kernels/testing:op_examples",
        ],
        alwayslink = 1,
    )
