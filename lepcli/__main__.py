from lepcli.cli import main

main()
