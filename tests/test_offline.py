"""The whole suite runs with the network blocked; this proves the guard is on."""

from __future__ import annotations

import socket

import pytest
from pytest_socket import SocketBlockedError


def test_inet_sockets_are_blocked() -> None:
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
