"""card_reader"""
