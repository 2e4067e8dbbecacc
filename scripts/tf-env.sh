# tf-env.sh — sourced by the scripts: installs missing Debian packages and builds Tianfu.
# Usage (from another script): . "$(dirname "$0")/tf-env.sh"; tf_install_deps;
#   tf_build [build-dir] [build-type] [cmake options...]
# tf_build sets only the build type; compiler flags are the CMake defaults (CMakeLists.txt)
# unless given as options, e.g. tf_build build Release -DCMAKE_C_FLAGS_RELEASE="-O2".
TF_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TF_PACKAGES="build-essential cmake pkg-config libnetcdf-dev netcdf-bin liblapacke-dev liblapack-dev libopenblas-dev libinih-dev libgdal-dev libjson-c-dev python3 python3-jsonschema libopenmpi-dev openmpi-bin cdo libcairo2-dev libpango1.0-dev fonts-noto-cjk chromium chromium-driver"

tf_install_deps() {
  local missing=""
  for p in $TF_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "tianfu: installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/tmp/tianfu-apt.log 2>&1 \
      || { echo "tianfu: apt-get install failed, see /tmp/tianfu-apt.log"; tail -20 /tmp/tianfu-apt.log; return 1; }
  else
    echo "tianfu: missing Debian packages; run as root:"
    echo "  sudo apt-get install -y$missing"
    return 1
  fi
}

tf_build() {
  local dir=${1:-$TF_ROOT/build} type=${2:-Release}
  shift $(($# < 2 ? $# : 2))
  cmake -S "$TF_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >"$dir.cmake.log" 2>&1 \
    || { cat "$dir.cmake.log"; return 1; }
  cmake --build "$dir" -j"$(nproc)" 2>&1 | grep -E "error|warning|Error" ; test "${PIPESTATUS[0]}" = 0
}
