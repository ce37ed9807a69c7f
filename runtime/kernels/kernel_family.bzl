"""kernel_family: the BUILD of one runtime/kernels/<family> package."""

def kernel_family(name, deps = []):
    """The family's kernel library and one cc_test per *_test.cc.

    The library holds every .cc but the tests and every .h of the package, links whole (kernels
    register themselves at start-up) and depends on the kernel API, abseil and `deps`. Each test
    runs ops through //runtime/kernels/testing:op_test_util.

    Args:
      name: the family, also the library's name.
      deps: what the kernels need beyond //runtime:kernel, //runtime:tensor and abseil.
    """
    native.cc_library(
        name = name,
        srcs = native.glob(["*.cc"], exclude = ["*_test.cc"]),
        hdrs = native.glob(["*.h"]),
        deps = [
            "//runtime:kernel",
            "//runtime:tensor",
            "@com_google_absl//:absl",
        ] + deps,
        alwayslink = 1,
    )
    for test in native.glob(["*_test.cc"]):
        native.cc_test(
            name = test[:-len(".cc")],
            srcs = [test],
            deps = [
                ":" + name,
                "//runtime/kernels/testing:op_test_util",
                "@com_google_googletest//:gtest_main",
            ],
        )
