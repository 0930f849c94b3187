// The `vae` command-line tool. Verbs are added as the course library grows.
Console.Error.WriteLine("vae: no verbs yet (train, sample, eval, notebooks and bench are coming).");
return 2;
