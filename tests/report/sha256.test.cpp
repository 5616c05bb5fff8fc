#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "kendall/report/sha256.hpp"

using namespace kendall::report;

// FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the one-million-'a' vector.
TEST_CASE("SHA-256 matches the published test vectors", "[report][sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Padding edge: 55 and 56 bytes (the length field fits, or needs one more block).
  CHECK(sha256_hex(std::string(55, 'a')) != sha256_hex(std::string(56, 'a')));
}

TEST_CASE("the digest of a file is the digest of its bytes", "[report][sha256]") {
  const auto path = std::filesystem::temp_directory_path() / "kendall-sha256-test.yaml";
  {
    std::ofstream out(path, std::ios::binary);
    out << "abc";
  }
  CHECK(sha256_file(path) == sha256_hex("abc"));
  std::filesystem::remove(path);
  CHECK_THROWS(sha256_file(path));
}
