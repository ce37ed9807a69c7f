"""Binds the Debian 12 system packages this workspace builds against as Bazel repositories."""

def _system_library(name, build_file):
    native.new_local_repository(
        name = name,
        path = "/usr",
        build_file = build_file,
    )

def tfjs_native_dependencies():
    """Declares every external repository; dependent workspaces call this too."""
    _system_library("com_google_protobuf", "@tfjs_native//third_party:protobuf.BUILD")
    _system_library("com_google_absl", "@tfjs_native//third_party:absl.BUILD")
    _system_library("xnnpack", "@tfjs_native//third_party:xnnpack.BUILD")
    _system_library("com_google_googletest", "@tfjs_native//third_party:googletest.BUILD")
    _system_library("com_github_google_benchmark", "@tfjs_native//third_party:benchmark.BUILD")
    _system_library("curl", "@tfjs_native//third_party:curl.BUILD")
    _system_library("zlib", "@tfjs_native//third_party:zlib.BUILD")
    _system_library("libjpeg", "@tfjs_native//third_party:libjpeg.BUILD")
    _system_library("libpng", "@tfjs_native//third_party:libpng.BUILD")
    _system_library("libgif", "@tfjs_native//third_party:libgif.BUILD")
    _system_library("libwebp", "@tfjs_native//third_party:libwebp.BUILD")
    _system_library("re2", "@tfjs_native//third_party:re2.BUILD")
    _system_library("icu", "@tfjs_native//third_party:icu.BUILD")
