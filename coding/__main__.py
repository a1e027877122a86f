from coding.cli import main

main(prog_name="coding")
