"""The bundled demo: fictional local newspaper sites and a server for them."""
