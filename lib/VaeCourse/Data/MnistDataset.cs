namespace VaeCourse.Data;

/// <summary>The data sets the course trains on: 28×28 grey-scale pictures in ten classes.</summary>
public enum MnistDataset
{
    /// <summary>Handwritten digits 0–9 (LeCun, Cortes &amp; Burges): 60 000 training and 10 000 test images.</summary>
    Mnist,

    /// <summary>Zalando's clothing pictures (Xiao, Rasul &amp; Vollgraf, 2017), a drop-in replacement for MNIST with the same sizes.</summary>
    FashionMnist,
}

/// <summary>Which half of a data set: the training images or the held-out test images.</summary>
public enum Split
{
    /// <summary>The 60 000 training examples (<c>train-*</c> files).</summary>
    Train,

    /// <summary>The 10 000 test examples (<c>t10k-*</c> files).</summary>
    Test,
}
