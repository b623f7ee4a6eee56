from lepcli.cli.app import main

main()
