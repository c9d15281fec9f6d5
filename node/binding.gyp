# node-seccomp's native addon: one C file on Node-API, linked against the system's (or a build
# tree's) libnodeseccomp as pkg-config describes it. No copy of the library is compiled in.
# For a build tree: PKG_CONFIG_PATH=/path/to/nodeseccomp/_build (its -uninstalled.pc has an rpath).
{
  "targets": [
    {
      "target_name": "node_seccomp",
      "sources": ["src/binding.c"],
      "cflags": ["<!@(pkg-config --cflags nodeseccomp)"],
      "cflags_c": [
        "-std=c11",
        "-Wall",
        "-Wextra",
        "-Wshadow",
        "-Wstrict-prototypes",
        "-Wformat=2"
      ],
      "libraries": ["<!@(pkg-config --libs nodeseccomp)"]
    }
  ]
}
