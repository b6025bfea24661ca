"""Run the command line as `python -m journal`."""

from journal.launch import main

if __name__ == "__main__":
    main()
