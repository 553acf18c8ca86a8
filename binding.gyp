# binding.gyp — node-gyp build of the Node-API addon build/Release/tinyyes.node.
# The core is compiled from the one amalgamation file, exactly as setup.py and
# the Makefile do. cJSON and utf8proc come from pkg-config (node/build.js
# checks them first and names the missing Debian package).
{
  "targets": [
    {
      "target_name": "tinyyes",
      "sources": [
        "node/tinyyes_node.c",
        "csrc/tinyyes.c"
      ],
      "include_dirs": [
        "csrc/include"
      ],
      "cflags": [
        "<!@(pkg-config --cflags libcjson libutf8proc)"
      ],
      "cflags_c": [
        "-std=c11"
      ],
      "libraries": [
        "<!@(pkg-config --libs libcjson libutf8proc)"
      ],
      "xcode_settings": {
        "OTHER_CFLAGS": [
          "-std=c11",
          "<!@(pkg-config --cflags libcjson libutf8proc)"
        ]
      }
    }
  ]
}
