pub fn write_pdf() {}
