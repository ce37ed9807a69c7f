"""cc_library, cc_binary and cc_test for this workspace's BUILD files: the native rules, plus the
C++17 and warning flags when this workspace is built as another workspace's dependency."""

def _copts(copts):
    # Here .bazelrc passes -std=c++17 and -Wno-sign-compare (to the target and exec
    # configurations). A workspace depending on this one does not read that file, and Bazel's
    # auto-configured toolchain compiles with -std=c++0x -Wall; copts come after those on the
    # command line. Nothing is added here, so actions (and the disk cache) stay as they were.
    if native.repository_name() == "@":
        return copts
    return ["-std=c++17", "-Wno-sign-compare"] + copts

def cc_library(copts = [], **kwargs):
    native.cc_library(copts = _copts(copts), **kwargs)

def cc_binary(copts = [], **kwargs):
    native.cc_binary(copts = _copts(copts), **kwargs)

def cc_test(copts = [], **kwargs):
    native.cc_test(copts = _copts(copts), **kwargs)
