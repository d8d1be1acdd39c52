//! Reading documents from files and folders (skeleton).
