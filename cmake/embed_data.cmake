# Writes OUT: a C++ source holding every data file (kinds, models, the
# offence vocabulary) as a string, so that the program carries its defaults.
#   cmake -DDATA_DIR=... -DOUT=... -P embed_data.cmake
file(GLOB_RECURSE files RELATIVE "${DATA_DIR}" "${DATA_DIR}/*.json")
list(SORT files)
set(body "// Generated from data/ by cmake/embed_data.cmake: do not edit.\n")
string(APPEND body "#include \"app/embedded_data.h\"\n\nnamespace qinglian {\n\n")
string(APPEND body "const EmbeddedFile kEmbeddedData[] = {\n")
foreach(f IN LISTS files)
  file(READ "${DATA_DIR}/${f}" text)
  string(FIND "${text}" ")qldata\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} holds the raw string delimiter")
  endif()
  string(APPEND body "    {\"${f}\", R\"qldata(${text})qldata\"},\n")
endforeach()
string(APPEND body "};\nconst size_t kEmbeddedDataCount = sizeof(kEmbeddedData) / sizeof(kEmbeddedData[0]);\n\n}  // namespace qinglian\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
