# binding.gyp — node-gyp build of the Node-API addon build/Release/tinyyes.node.
# The core is compiled from the one amalgamation file, exactly as setup.py and
# the Makefile do, with the same flags (csrc/build-flags.txt). utf8proc, the one library the
# core links to, comes from pkg-config (node/build.js checks it first and names
# the missing Debian package). On Linux the addon also looks for it in its
# own directory first ($ORIGIN runpath): `make dist-node` puts a copy there in
# prebuilds/linux-x64/; a build without a copy beside it uses the system's.
{
  "targets": [
    {
      "target_name": "tinyyes",
      "sources": [
        "node/nb_args.c",
        "node/nb_channels.c",
        "node/nb_cli.c",
        "node/nb_errors.c",
        "node/nb_hostdata.c",
        "node/nb_marshal.c",
        "node/nb_metrics.c",
        "node/nb_module.c",
        "node/nb_playbook.c",
        "node/nb_template.c",
        "csrc/tinyyes.c"
      ],
      "include_dirs": [
        "csrc/include"
      ],
      "defines": [
        "TY_API="
      ],
      "cflags": [
        "<!@(pkg-config --cflags libutf8proc)"
      ],
      "cflags_c": [
        "<!@(cat csrc/build-flags.txt)"
      ],
      "libraries": [
        "<!@(pkg-config --libs libutf8proc)"
      ],
      "conditions": [
        ["OS=='linux'", {
          "ldflags": [
            "-Wl,-rpath,'$$ORIGIN'"
          ]
        }]
      ],
      "xcode_settings": {
        "OTHER_CFLAGS": [
          "<!@(cat csrc/build-flags.txt)",
          "<!@(pkg-config --cflags libutf8proc)"
        ]
      }
    }
  ]
}
