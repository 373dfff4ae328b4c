"""What the tests share: tiny networks, browsers, feed checks, fixture files."""
