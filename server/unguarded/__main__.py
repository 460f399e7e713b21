from unguarded.cli import main

raise SystemExit(main())
