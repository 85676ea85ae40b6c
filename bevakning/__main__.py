from bevakning.cli import main

main()
